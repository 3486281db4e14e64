import { ServiceError } from '../../../shared/bridge/envelope';

/** Refuses an import: a "中文 / English" INVALID_INPUT saying that nothing was imported. */
export const refuse = (zh: string, en: string): never => {
  throw new ServiceError('INVALID_INPUT', `${zh}，未导入任何数据 / ${en}; nothing was imported`);
};

export const refuseDamaged = (): never =>
  refuse('Excel 文件已损坏或不完整（可能复制或下载中断），无法读取', 'The Excel file is damaged or incomplete (the copy or download was probably interrupted) and cannot be read');

export const refuseNotXlsx = (): never =>
  refuse('所选文件不是 Excel 工作簿（.xlsx），请选择【下载模板】填写后的文件', 'The selected file is not an Excel workbook (.xlsx); choose the template from 【下载模板】 once filled in');
